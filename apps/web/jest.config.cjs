// Unit specs of the dashboard's pure modules, and the real-browser test against the whole stack
// (test/dashboard.e2e.spec.ts: builds, runs `npm start` in demo mode, drives Debian's Chromium).
module.exports = require('../../jest.preset.cjs').projectConfig(__dirname);
