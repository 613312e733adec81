const { dirname, join } = require("node:path");

/**
 * A file of an installed package, required by its path: the modules here stand for the package's name in
 * jest's module map, so a request for the name would come back to them.
 */
exports.packageFile = (name, ...file) =>
  require(join(dirname(require.resolve(`${name}/package.json`)), ...file));
