export { request, response } from '../lib/steps/readMark';
