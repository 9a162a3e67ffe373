export { request, response } from '../lib/steps/approvedPost';
