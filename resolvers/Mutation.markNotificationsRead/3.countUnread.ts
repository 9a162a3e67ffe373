export { request, response } from '../lib/steps/countUnread';
