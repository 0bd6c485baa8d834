import { runCli } from "./commands";

runCli(process.argv.slice(2)).then(
  ({ code, out }) => {
    (code === 0 ? console.log : console.error)(out);
    process.exit(code);
  },
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
