// One Powertools logger per function (structured JSON lines in CloudWatch; POWERTOOLS_LOG_LEVEL sets the level).
import { Logger } from '@aws-lambda-powertools/logger';

export function createLogger(serviceName: string): Logger {
  return new Logger({ serviceName });
}
