// Preloaded (node --require) into node children we spawn: exit when our stdin pipe closes,
// i.e. when the parent process is gone — even if it was SIGKILLed and could not clean up.
process.stdin.on('end', () => process.exit(0));
process.stdin.on('error', () => process.exit(0));
process.stdin.resume();
