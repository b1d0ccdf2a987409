// Each command's code is required when that command runs, so `serve` starts its database
// before loading what only other commands use (and they do not load the server). A require, not
// import(): under tsx's require hook import() takes Node's ESM loader.
const commands = {
  serve: () => require('./serve-command') as typeof import('./serve-command'),
  questionnaire: () => require('./questionnaire-command') as typeof import('./questionnaire-command'),
  purge: () => require('./purge-command') as typeof import('./purge-command'),
  embeddedMongo: () => require('@zorgspiegel/embedded-mongo') as typeof import('@zorgspiegel/embedded-mongo'),
};

const USAGE = `Usage: zorgspiegel <command>

Commands:
  serve                                   start the bot (what \`npm start\` runs)
  questionnaire show [--lang nl|en] [--json] [--file FILE]
                                          print the questionnaire in use
  questionnaire validate FILE             check a questionnaire file
  purge --round ID | --older-than 6mo|YYYY-MM-DD
                                          delete raw answers of published rounds now
                                          (summaries stay; see README, Anonymity)
  embedded-mongo [--port N] [--data-dir DIR]
                                          run the development MongoDB stand-in on its own
`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'serve':
      return commands.serve().runServe();
    case 'questionnaire':
      return commands.questionnaire().runQuestionnaireCommand(rest);
    case 'purge':
      return commands.purge().runPurgeCommand(rest);
    case 'embedded-mongo': {
      await commands.embeddedMongo().runStandalone(rest);
      return 0;
    }
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(USAGE);
      return command ? 0 : 1;
    default:
      process.stderr.write(`Unknown command "${command}".\n\n${USAGE}`);
      return 2;
  }
}


main(process.argv.slice(2)).then(
  (code) => {
    if (code !== 0 || process.argv[2] !== 'serve') process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
