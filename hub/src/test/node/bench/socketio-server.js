// The Socket.IO 4 peer of bin/bench: a relay on 127.0.0.1, port 0, WebSocket transport only, no compression.
// Event "sub" (room, ack) joins a room and acknowledges; "pub" (room, data) emits "msg" to the room.
// Prints "LISTENING <port>" when ready. Run by io.junction.bench.Servers with NODE_PATH set to its node_modules.
const http = require('http');
const { Server } = require('socket.io');

const server = http.createServer();
const io = new Server(server, { transports: ['websocket'], perMessageDeflate: false, serveClient: false });
io.on('connection', (socket) => {
  socket.on('sub', (room, ack) => {
    socket.join(room);
    if (typeof ack === 'function') ack();
  });
  socket.on('pub', (room, data) => io.to(room).emit('msg', data));
});
server.listen(0, '127.0.0.1', () => console.log('LISTENING ' + server.address().port));
process.on('SIGTERM', () => process.exit(0));
