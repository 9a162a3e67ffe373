export { request, response } from '../lib/steps/authorHandle';
