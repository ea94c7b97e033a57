
$ qms serve --port 70000
qms: --port: 70000 không phải là số cổng (từ 0 đến 65535)
[2]
$ qms -C ws-mixed serve --bind nowhere --port 0
qms: 'nowhere' không phải là địa chỉ IP (ví dụ 127.0.0.1 hoặc ::1)
[2]
$ qms -C ws-mixed serve --bind 127.0.0.1:80
qms: '127.0.0.1:80' không phải là địa chỉ IP (ví dụ 127.0.0.1 hoặc ::1)
[2]
