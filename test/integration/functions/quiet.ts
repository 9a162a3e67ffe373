// Silences the functions' Powertools loggers in tests (set POWERTOOLS_LOG_LEVEL=INFO to see them).
process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';
