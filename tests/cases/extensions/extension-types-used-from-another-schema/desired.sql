CREATE EXTENSION citext;
CREATE EXTENSION "uuid-ossp";
CREATE SCHEMA app;
CREATE TABLE app.t (e citext, id uuid DEFAULT uuid_generate_v4(), n citext DEFAULT 'x');
