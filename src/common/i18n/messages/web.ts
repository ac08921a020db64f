import { defineMessages } from '../define';

/** The web module's messages (page notes, form errors), keyed `web.*`. */
export const webMessages = defineMessages(
  {
    'web.request_id': '请求编号：{id}',
  },
  {
    'web.request_id': 'request id: {id}',
  },
);
