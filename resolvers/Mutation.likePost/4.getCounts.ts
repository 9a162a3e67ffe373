export { request, response } from '../lib/steps/postCounts';
