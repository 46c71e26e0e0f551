import { describe, expect, it } from 'vitest';
import { maskSecrets } from '../../src/action/main.js';
import { UsageError } from '../../src/core/errors.js';
import { parseDatabaseUrl } from '../../src/db/connect.js';

function refusal(url: string): string {
  try {
    parseDatabaseUrl(url);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error('parseDatabaseUrl accepted the connection string');
}

/** Fragments of the secret that must not appear: every run of 3 characters of it. */
function fragments(secret: string): string[] {
  const out: string[] = [];
  for (let i = 0; i + 3 <= secret.length; i += 1) out.push(secret.slice(i, i + 3));
  return out;
}

describe('parseDatabaseUrl: a malformed connection string is named by its component, never quoted', () => {
  it.each([
    { name: 'a password with an unencoded slash', url: 'postgres://u:8472/Zq9Xv@h/db', secret: '8472/Zq9Xv', component: 'password' },
    { name: 'a password with an unencoded @', url: 'postgres://u:Zq9@Xv7@h/db', secret: 'Zq9@Xv7', component: 'password' },
    { name: 'a password with an unencoded ?', url: 'postgres://u:Zq9?Xv7@h/db', secret: 'Zq9?Xv7', component: 'password' },
    { name: 'a password with an unencoded #', url: 'postgres://u:Zq9#Xv7@h/db', secret: 'Zq9#Xv7', component: 'password' },
    { name: 'a password with a stray %', url: 'postgres://u:Zq9%Xv7@h/db', secret: 'Zq9%Xv7', component: 'password' },
    { name: 'a user with an unencoded slash (no password)', url: 'postgres://Zq9/Xv7@h/db', secret: 'Zq9/Xv7', component: 'user' },
    { name: 'a user with a stray %', url: 'postgres://Zq9%Xv7:pw@h/db', secret: 'Zq9%Xv7', component: 'user' },
    { name: 'a password where the port goes', url: 'postgres://u@h:Zq9Xv7/db', secret: 'Zq9Xv7', component: 'port' },
    { name: 'a port out of range', url: 'postgres://u:Zq9Xv7@h:99999/db', secret: 'Zq9Xv7', component: 'port' },
    { name: 'a host with spaces', url: 'postgres://u:Zq9Xv7@my host/db', secret: 'Zq9Xv7', component: 'host' },
    { name: 'several hosts', url: 'postgres://u:Zq9Xv7@h1:5432,h2:5433/db', secret: 'Zq9Xv7', component: 'host' },
    { name: 'a database with a stray %', url: 'postgres://u:Zq9Xv7@h/Qw8%Er', secret: 'Qw8%Er', component: 'database' },
    { name: 'another scheme', url: 'Zq9Xv7://u:pw@h/db', secret: 'Zq9Xv7', component: 'scheme' },
    { name: 'no scheme at all', url: 'Zq9Xv7', secret: 'Zq9Xv7', component: 'scheme' },
    { name: 'a parameter without =', url: 'postgres://u@h/db?sslmode=require&Zq9Xv7', secret: 'Zq9Xv7', component: 'a parameter' },
    { name: 'an unknown parameter with an odd name', url: 'postgres://u@h/db?Zq9-Xv7=1', secret: 'Zq9-Xv7', component: 'a parameter name' },
    { name: 'a password given as sslmode', url: 'postgres://u@h/db?sslmode=Zq9Xv7', secret: 'Zq9Xv7', component: 'parameter sslmode' },
    {
      name: 'a password given as channel_binding',
      url: 'postgres://u@h/db?channel_binding=Zq9Xv7',
      secret: 'Zq9Xv7',
      component: 'parameter channel_binding',
    },
    {
      name: 'a password given as connect_timeout',
      url: 'postgres://u@h/db?connect_timeout=Zq9Xv7',
      secret: 'Zq9Xv7',
      component: 'parameter connect_timeout',
    },
    { name: 'keyword form: a password typed into port=', url: 'host=h port=Zq9Xv7 dbname=db', secret: 'Zq9Xv7', component: 'port' },
    {
      name: 'keyword form: a password with a space, unquoted',
      url: 'host=h password=Zq9 Xv7Qw dbname=db',
      secret: 'Xv7Qw',
      component: 'the parameter after password',
    },
    { name: 'keyword form: an unterminated quote', url: "host=h password='Zq9Xv7", secret: 'Zq9Xv7', component: 'parameter password' },
    { name: 'keyword form: a password given as sslmode', url: 'host=h sslmode=Zq9Xv7', secret: 'Zq9Xv7', component: 'parameter sslmode' },
  ])('$name', ({ url, secret, component }) => {
    const message = refusal(url);
    expect(message).toContain(`the connection string is malformed at ${component}:`);
    for (const fragment of fragments(secret)) expect(message).not.toContain(fragment);
  });

  it('names an unknown parameter whose name is a plain identifier, so that a typo is found', () => {
    expect(refusal('postgres://u:pw@h/db?ssl=true')).toContain('malformed at parameter ssl: unknown parameter');
  });

  it.each([
    { url: 'postgres://u:Zq9%2FXv7@h:5433/db?sslmode=disable', password: 'Zq9/Xv7', host: 'h', port: 5433, database: 'db' },
    { url: 'postgres://u:Zq9:Xv7@h/db', password: 'Zq9:Xv7', host: 'h', port: 5432, database: 'db' },
    { url: 'postgresql://u@[::1]:6000/db', password: undefined, host: '::1', port: 6000, database: 'db' },
    { url: 'postgres://u@/db?host=%2Ftmp%2Fpg&application_name=a@b', password: undefined, host: '/tmp/pg', port: 5432, database: 'db' },
    { url: "host=h port=5433 password='Zq9 Xv7' dbname=db", password: 'Zq9 Xv7', host: 'h', port: 5433, database: 'db' },
  ])('still reads the well-formed $url', ({ url, password, host, port, database }) => {
    const parsed = parseDatabaseUrl(url);
    expect(parsed.password).toBe(password);
    expect(parsed.target).toMatchObject({ host, port, database });
  });
});

describe('maskSecrets', () => {
  it.each([
    { url: 'postgres://u:8472/Zq9Xv@h/db', secrets: ['8472', 'Zq9Xv'] },
    { url: 'postgres://u:Zq9@Xv7Q@h/db', secrets: ['Zq9@Xv7Q', 'Xv7Q'] },
    { url: 'host=h password=Zq9X Xv7Qw dbname=db', secrets: ['Zq9X', 'Xv7Qw'] },
  ])('masks every piece that could be the password of the unreadable $url', ({ url, secrets }) => {
    const masked: string[] = [];
    maskSecrets(url, (value) => masked.push(value));
    expect(masked).toContain(url);
    for (const secret of secrets) expect(masked.some((m) => m === secret || (secret.includes(m) && m.length > 3))).toBe(true);
  });

  it('masks the password of a readable URL in all its spellings', () => {
    const masked: string[] = [];
    maskSecrets('postgres://u:Zq9%2FXv7@h/db', (value) => masked.push(value));
    expect(masked).toEqual(expect.arrayContaining(['Zq9/Xv7', 'Zq9%2FXv7']));
  });
});
