// knex ships its dialects as CommonJS classes without typings; Hourkeep subclasses the sqlite3
// one to load SQLCipher (main/db/connection.ts).
declare module 'knex/lib/dialects/sqlite3/index.js' {
  import type { Knex } from 'knex';
  const Client_SQLite3: new (config: Knex.Config) => object;
  export default Client_SQLite3;
}
