// Connects to the TDS test server with tedious (an independent TDS
// implementation) and prints one SELECT's metadata and rows as JSON:
//   node crosscheck.js PORT "SELECT ..."
// Values are written so that nothing is lost on the way: Buffers as hex,
// Dates as ISO text plus tedious's sub-millisecond nanosecondsDelta,
// numbers as text (so -0 stays -0).
'use strict';
const { Connection, Request } = require('tedious');

const [port, sql] = process.argv.slice(2);
const config = {
  server: '127.0.0.1',
  authentication: { type: 'default', options: { userName: 'sa', password: 'Cutover-Test1' } },
  options: {
    port: Number(port), database: 'cutover', encrypt: false, trustServerCertificate: true,
    connectTimeout: 10000, requestTimeout: 60000, useUTC: true,
  },
};

function encode(v) {
  if (v === null || v === undefined) return null;
  if (Buffer.isBuffer(v)) return { hex: v.toString('hex').toUpperCase() };
  if (v instanceof Date) return { iso: v.toISOString(), ns: v.nanosecondsDelta || 0 };
  if (typeof v === 'number') return { num: Object.is(v, -0) ? '-0' : String(v) };
  if (typeof v === 'boolean') return { num: v ? '1' : '0' };
  return v;
}

const out = { columns: [], rows: [] };
const connection = new Connection(config);
connection.on('connect', (err) => {
  if (err) {
    console.error(`tedious could not connect: ${err.message}`);
    process.exit(1);
  }
  const request = new Request(sql, (e) => {
    if (e) {
      console.error(`tedious query failed: ${e.message}`);
      process.exit(1);
    }
    console.log(JSON.stringify(out));
    connection.close();
  });
  request.on('columnMetadata', (cols) => {
    out.columns = cols.map((c) => ({
      name: c.colName, type: c.type.name, precision: c.precision ?? null, scale: c.scale ?? null,
      length: c.dataLength ?? null, codepage: c.collation ? c.collation.codepage ?? null : null,
      nullable: (c.flags & 1) === 1,
    }));
  });
  request.on('row', (cols) => out.rows.push(cols.map((c) => encode(c.value))));
  connection.execSql(request);
});
connection.connect();
