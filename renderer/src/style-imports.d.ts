// Vite bundles CSS imported from components (`import './x.css'`); TypeScript only needs to know they exist.
declare module '*.css';
