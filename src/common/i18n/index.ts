export * from './catalog';
export * from './format';
export { defineMessages } from './define';
export * from './labels';
