module.exports = require('../../jest.preset.cjs').projectConfig(__dirname, { globalSetup: undefined, globalTeardown: undefined });
