// One import for the level vocabulary, Castellvi types and grading scales (all plain data and functions,
// safe in client and server code).
export * from "./levels";
export * from "./castellvi";
export * from "./grades";
