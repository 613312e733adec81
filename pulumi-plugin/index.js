// The plugin's entry as a source plugin: `@pulumi/pulumi/cmd/run-plugin` requires this folder with the engine's
// address as the program's argument. The plugin itself is the repository's build (the bin pulumi-resource-flowlog).
const { main } = require("../dist/provider/plugin/main");

main(process.argv.slice(2)).catch((error) => {
  process.stderr.write(
    `pulumi-resource-flowlog: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
