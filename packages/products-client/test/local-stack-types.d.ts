// @org/products-local declares dynalite's types in a .d.ts its sources do not reference, so a
// program that reaches them through an import (this package's e2e tests) does not see it.
declare module 'dynalite';
