package dev.paperdigest.localinfra;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The mailbox page of the local mail catcher: a list of captured mails and, per mail, its headers, the rendered HTML
 * (in a sandboxed frame, scripts off) and the text part. Served by the JDK's HTTP server on loopback only.
 */
final class MailboxPage implements AutoCloseable {

    private final HttpServer server;
    private final Supplier<List<CapturedMail>> mails;
    private final Runnable clear;

    private MailboxPage(HttpServer server, Supplier<List<CapturedMail>> mails, Runnable clear) {
        this.server = server;
        this.mails = mails;
        this.clear = clear;
    }

    static MailboxPage start(int port, Supplier<List<CapturedMail>> mails, Runnable clear) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
            MailboxPage page = new MailboxPage(server, mails, clear);
            server.createContext("/", page::handle);
            server.start();
            return page;
        } catch (IOException e) {
            throw new UncheckedIOException("mailbox page could not listen on port " + port, e);
        }
    }

    String url() {
        return "http://localhost:" + server.getAddress().getPort() + "/";
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if (!fromThisMachine(exchange)) {
                // Captured mails hold sign-in and unsubscribe links: no other site (DNS rebinding, CSRF) reads or clears them.
                send(exchange, 403, "text/plain", "Only pages of this mailbox, opened on this machine, may do that.");
            } else if (path.equals("/") && method.equals("GET")) {
                send(exchange, 200, "text/html", listPage(mails.get()));
            } else if (path.equals("/clear") && method.equals("POST")) {
                clear.run();
                exchange.getResponseHeaders().add("Location", "/");
                send(exchange, 303, "text/plain", "");
            } else if (path.matches("/mails/\\d{1,9}") && method.equals("GET")) {
                int index = Integer.parseInt(path.substring("/mails/".length()));
                List<CapturedMail> all = mails.get();
                if (index < all.size()) {
                    send(exchange, 200, "text/html", mailPage(all.get(index)));
                } else {
                    send(exchange, 404, "text/html", layout("Not found", "<p>No mail #" + index + ".</p>"));
                }
            } else {
                send(exchange, 404, "text/html", layout("Not found", "<p>Nothing here. <a href=\"/\">Mailbox</a></p>"));
            }
        }
    }

    private boolean fromThisMachine(HttpExchange exchange) {
        int port = server.getAddress().getPort();
        String host = exchange.getRequestHeaders().getFirst("Host");
        boolean localHost = host == null || host.equals("localhost:" + port) || host.equals("127.0.0.1:" + port);
        String origin = exchange.getRequestHeaders().getFirst("Origin");
        boolean localOrigin = origin == null || origin.equals("http://" + host);
        return localHost && (exchange.getRequestMethod().equals("GET") || localOrigin);
    }

    private static String listPage(List<CapturedMail> mails) {
        StringBuilder rows = new StringBuilder();
        for (int i = mails.size() - 1; i >= 0; i--) {
            CapturedMail mail = mails.get(i);
            rows.append("<tr><td>").append(escape(mail.receivedAt().toString()))
                    .append("</td><td>").append(escape(String.join(", ", mail.to())))
                    .append("</td><td><a href=\"/mails/").append(mail.index()).append("\">")
                    .append(escape(mail.subject() == null ? "(no subject)" : mail.subject()))
                    .append("</a></td></tr>\n");
        }
        String body = mails.isEmpty() ? "<p>No mail yet. This page shows every mail the local SMTP server receives.</p>"
                : "<table><thead><tr><th>Received</th><th>To</th><th>Subject</th></tr></thead><tbody>\n" + rows
                        + "</tbody></table>";
        return layout("Mailbox (" + mails.size() + ")", body
                + "<form method=\"post\" action=\"/clear\"><button>Delete all mail</button></form>");
    }

    private static String mailPage(CapturedMail mail) {
        StringBuilder headers = new StringBuilder("<dl>");
        for (Map.Entry<String, String> header : mail.headers().entrySet()) {
            headers.append("<dt>").append(escape(header.getKey())).append("</dt><dd>")
                    .append(escape(header.getValue())).append("</dd>");
        }
        headers.append("</dl>");
        String html = mail.html() == null ? "<p>(no HTML part)</p>"
                // srcdoc holds the mail's own HTML, attribute-escaped; the empty sandbox disables scripts and forms.
                : "<iframe title=\"HTML part\" sandbox srcdoc=\"" + escape(mail.html()) + "\"></iframe>";
        String text = mail.text() == null ? "<p>(no text part)</p>" : "<pre>" + escape(mail.text()) + "</pre>";
        return layout(mail.subject() == null ? "(no subject)" : mail.subject(),
                "<p><a href=\"/\">&larr; Mailbox</a></p>"
                        + "<p><b>From:</b> " + escape(mail.from()) + "<br><b>To:</b> "
                        + escape(String.join(", ", mail.to())) + "</p>"
                        + "<h2>HTML</h2>" + html + "<h2>Text</h2>" + text
                        + "<details><summary>All headers</summary>" + headers + "</details>");
    }

    private static String layout(String title, String body) {
        return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + escape(title)
                + " · paper-digest local mail</title><style>"
                + "body{font-family:system-ui,sans-serif;margin:2rem;max-width:70rem}"
                + "table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:.4rem;text-align:left}"
                + "iframe{width:100%;height:32rem;border:1px solid #ccc}pre{white-space:pre-wrap;background:#f6f6f6;padding:1rem}"
                + "dt{font-weight:bold}dd{margin:0 0 .3rem 1rem;word-break:break-all}"
                + "</style></head><body><h1>" + escape(title) + "</h1>" + body + "</body></html>";
    }

    static String escape(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(value.length());
        for (char c : value.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type + "; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
    }
}
