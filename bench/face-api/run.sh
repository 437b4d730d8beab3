#!/usr/bin/env bash
# Measures @vladmandic/face-api in headless Chromium on the frames in frames/ (see bench.html).
# Usage: cd bench/face-api && npm install && ./run.sh   → results.json
set -euo pipefail
cd "$(dirname "$0")"
rm -f results.json
# The frames: the photo, and frames of the real phone clips (tests/fixtures/phone, licences in its README).
phone=../../tests/fixtures/phone
mkdir -p frames
cp "$phone/face-two-people.jpg" frames/
ffmpeg -nostdin -loglevel error -y -ss 0.5 -i "$phone/mov-with-gps.mov" -frames:v 1 frames/mov-with-gps-start.jpg
ffmpeg -nostdin -loglevel error -y -ss 2 -i "$phone/mov-with-gps.mov" -frames:v 1 frames/mov-with-gps-mid.jpg
ffmpeg -nostdin -loglevel error -y -i "$phone/mp4-with-gps.mp4" -frames:v 1 frames/mp4-with-gps-first.jpg
ffmpeg -nostdin -loglevel error -y -ss 2.466 -i "$phone/3gp-sample.3gp" -frames:v 1 frames/3gp-sample-mid.jpg
# The app's own detector on the same frames first (dotnet run builds it once).
dotnet run --project OpenCvFrames -c Release -- "$PWD/frames" | tee opencv-results.txt
python3 - <<'PY' &
import http.server, socketserver
class H(http.server.SimpleHTTPRequestHandler):
    def do_POST(self):
        data = self.rfile.read(int(self.headers['Content-Length']))
        open('results.json', 'wb').write(data)
        self.send_response(204); self.end_headers()
    def log_message(self, *a): pass
socketserver.TCPServer.allow_reuse_address = True
with socketserver.TCPServer(('127.0.0.1', 8917), H) as s: s.serve_forever()
PY
server=$!
sleep 1
chromium --headless=new --no-sandbox --disable-gpu --enable-unsafe-swiftshader --user-data-dir="$(mktemp -d)" http://127.0.0.1:8917/bench.html >/dev/null 2>&1 &
browser=$!
for _ in $(seq 1 600); do [ -s results.json ] && break; sleep 1; done
kill "$browser" "$server" 2>/dev/null || true
cat results.json
