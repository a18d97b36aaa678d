//! A recording WebSub hub on 127.0.0.1 for the ping tests: it answers each request with the
//! next reply of its script (the last one repeats), records what it was sent (request line,
//! headers, body) and stops when dropped. Plain `std::net`, one thread per connection, so a
//! hub that hangs on one request still answers the next.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// How the hub answers one request.
#[derive(Debug, Clone)]
pub enum Reply {
    /// This status, with these headers and this body.
    Status(u16, Vec<(&'static str, &'static str)>, &'static str),
    /// Read the request, then say nothing for this long (and close).
    Hang(Duration),
}

/// A status with no extra header and no body.
pub fn status(code: u16) -> Reply {
    Reply::Status(code, vec![], "")
}

/// One request the hub received.
#[derive(Debug, Clone)]
pub struct Request {
    /// `POST /hub HTTP/1.1`.
    pub line: String,
    /// Header names (lower case) and values, in order.
    pub headers: Vec<(String, String)>,
    /// The body as text.
    pub body: String,
}

impl Request {
    /// The value of header `name` (lower case), if sent.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The body read as a form: its pairs in order, decoded.
    pub fn form(&self) -> Vec<(String, String)> {
        url::form_urlencoded::parse(self.body.as_bytes())
            .into_owned()
            .collect()
    }
}

/// A hub listening on 127.0.0.1.
pub struct Hub {
    port: u16,
    requests: Arc<Mutex<Vec<Request>>>,
    stop: Arc<AtomicBool>,
}

impl Hub {
    /// Starts a hub answering by `script`.
    pub fn start(script: Vec<Reply>) -> Hub {
        assert!(!script.is_empty());
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let requests = Arc::new(Mutex::new(Vec::new()));
        let stop = Arc::new(AtomicBool::new(false));
        let (recorded, stopped) = (requests.clone(), stop.clone());
        std::thread::spawn(move || {
            for (n, stream) in listener.incoming().enumerate() {
                if stopped.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(stream) = stream else { continue };
                let reply = script[n.min(script.len() - 1)].clone();
                let recorded = recorded.clone();
                std::thread::spawn(move || serve(stream, &reply, &recorded));
            }
        });
        Hub {
            port,
            requests,
            stop,
        }
    }

    /// The hub's URL, as `hubs` names it.
    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}/hub", self.port)
    }

    /// The requests received so far.
    pub fn requests(&self) -> Vec<Request> {
        self.requests.lock().unwrap().clone()
    }
}

impl Drop for Hub {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wakes the accept loop, which then sees `stop`.
        let _ = TcpStream::connect(("127.0.0.1", self.port));
    }
}

/// Reads one request from `stream`, records it, answers with `reply`.
fn serve(stream: TcpStream, reply: &Reply, recorded: &Mutex<Vec<Request>>) {
    stream
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut line = String::new();
    if reader.read_line(&mut line).unwrap_or(0) == 0 {
        return; // the wake-up connection
    }
    let mut headers = Vec::new();
    loop {
        let mut h = String::new();
        if reader.read_line(&mut h).unwrap_or(0) == 0 || h.trim().is_empty() {
            break;
        }
        if let Some((name, value)) = h.split_once(':') {
            headers.push((name.trim().to_lowercase(), value.trim().to_string()));
        }
    }
    let length: usize = headers
        .iter()
        .find(|(n, _)| n == "content-length")
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(0);
    let mut body = vec![0; length];
    reader.read_exact(&mut body).unwrap();
    recorded.lock().unwrap().push(Request {
        line: line.trim_end().to_string(),
        headers,
        body: String::from_utf8(body).unwrap(),
    });
    let mut stream = stream;
    match reply {
        Reply::Hang(how_long) => std::thread::sleep(*how_long),
        Reply::Status(code, extra, body) => {
            let mut head = format!(
                "HTTP/1.1 {code} Status\r\nContent-Length: {}\r\nConnection: close\r\n",
                body.len()
            );
            for (name, value) in extra {
                head.push_str(&format!("{name}: {value}\r\n"));
            }
            head.push_str("\r\n");
            let _ = stream.write_all(head.as_bytes());
            let _ = stream.write_all(body.as_bytes());
        }
    }
}
