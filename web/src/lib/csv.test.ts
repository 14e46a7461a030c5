import { parseCsv } from './csv';

test('parses a BOM, CRLF, quotes and formula guards', () => {
  const text = '\ufeffsku,product,quantity\r\nA-1,"Polera ""Pro"", negra",5\r\nB-2,\'=SUM(A1),0\r\n';
  expect(parseCsv(text)).toEqual([
    { sku: 'A-1', product: 'Polera "Pro", negra', quantity: '5' },
    { sku: 'B-2', product: '=SUM(A1)', quantity: '0' },
  ]);
});
