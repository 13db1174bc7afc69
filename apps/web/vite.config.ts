import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

export default defineConfig({
  // Composition API only: drop the Options API and vue-i18n's legacy API from the bundle.
  plugins: [vue({ features: { optionsAPI: false } })],
  define: {
    __VUE_I18N_LEGACY_API__: 'false',
    __VUE_I18N_FULL_INSTALL__: 'false',
    __INTLIFY_PROD_DEVTOOLS__: 'false',
  },
  server: {
    proxy: { '/api': 'http://localhost:3000' },
  },
  // Every route is lazy; Leaflet is imported only by the territory page, so it lands in that
  // page's chunk and never in the initial bundle.
  build: { outDir: 'dist' },
});
