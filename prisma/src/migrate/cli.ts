// npm run db:migrate | db:migration -- <name> | db:drift
import { applyMigrations, createMigration, diffMigrationsToSchema } from "./engine.ts";
import { ownerDatabaseUrl } from "../connection.ts";

const [command, name] = process.argv.slice(2);
const databaseUrl = ownerDatabaseUrl();

switch (command) {
  case "apply": {
    const applied = await applyMigrations({ databaseUrl });
    console.log(applied.length ? `applied: ${applied.join(", ")}` : "database is up to date");
    break;
  }
  case "create": {
    if (!name) throw new Error("usage: npm run db:migration -- <name>");
    const folder = await createMigration(name, { databaseUrl });
    console.log(folder ? `created ${folder}` : "schema and migrations agree: nothing to create");
    break;
  }
  case "drift": {
    const sql = await diffMigrationsToSchema({ databaseUrl });
    if (sql) {
      console.error("schema.prisma and the migrations disagree; the missing migration would be:\n" + sql);
      process.exit(1);
    }
    console.log("no drift: the migrations produce exactly schema.prisma");
    break;
  }
  default:
    console.error("usage: cli.ts apply | create <name> | drift");
    process.exit(2);
}
// The WebAssembly engine leaves a 10 s timer armed after `free()`; the work is done, so end now.
process.exit(0);
