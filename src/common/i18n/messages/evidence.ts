import { defineMessages } from '../define';

/** The evidence module's messages (errors, notes, sentences), keyed `evidence.*`. */
export const evidenceMessages = defineMessages(
  {
    'evidence.file_type_refused': '文件“{file}”的类型不被接受（允许：{allowed}）',
    'evidence.file_too_large': '文件“{file}”超过上传上限 {megabytes} MB（{bytes} 字节）',
    'evidence.too_many_parts': '一次上传的文件或字段过多',
  },
  {
    'evidence.file_type_refused': 'File "{file}" is not an accepted type (allowed: {allowed})',
    'evidence.file_too_large':
      'File "{file}" is larger than the upload limit of {megabytes} MB ({bytes} bytes)',
    'evidence.too_many_parts': 'Too many files or fields in one upload',
  },
);
