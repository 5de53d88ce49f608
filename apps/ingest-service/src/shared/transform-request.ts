export { requestTransform } from '@rewind/db';
