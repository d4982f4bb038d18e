// What projects-import.csv.ts loads with import() on the first CSV it reads: papaparse stays out of start-up.
export { default as Papa } from 'papaparse';
