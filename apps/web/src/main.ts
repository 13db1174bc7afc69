import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './App.vue';
import { router } from './router/index.ts';
import { i18n } from './shared/i18n/index.ts';
import './shared/ui/base.css';

document.documentElement.lang = i18n.global.locale.value;

createApp(App).use(createPinia()).use(i18n).use(router).mount('#app');
