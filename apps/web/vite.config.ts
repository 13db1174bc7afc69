import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [vue()],
  server: {
    proxy: { '/api': 'http://localhost:3000' },
  },
  // Every route is lazy; Leaflet is imported only by the territory page, so it lands in that
  // page's chunk and never in the initial bundle.
  build: { outDir: 'dist' },
});
