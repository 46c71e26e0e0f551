CREATE SCHEMA app;
CREATE TABLE app.users (id int);
