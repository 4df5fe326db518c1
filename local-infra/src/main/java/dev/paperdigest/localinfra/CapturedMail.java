package dev.paperdigest.localinfra;

import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** One mail the catcher received, decoded into what a reader (or a test) looks at. */
public record CapturedMail(int index, Instant receivedAt, String from, List<String> to, String subject,
        String html, String text, Map<String, String> headers) {

    static CapturedMail of(int index, MimeMessage message) {
        try {
            Bodies bodies = new Bodies();
            bodies.collect(message);
            Instant received = message.getReceivedDate() != null ? message.getReceivedDate().toInstant()
                    : message.getSentDate() != null ? message.getSentDate().toInstant() : Instant.now();
            Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            for (var header : java.util.Collections.list(message.getAllHeaders())) {
                headers.merge(header.getName(), header.getValue(), (a, b) -> a + ", " + b);
            }
            return new CapturedMail(index, received, join(message.getFrom()),
                    Arrays.stream(message.getAllRecipients() == null ? new Address[0] : message.getAllRecipients())
                            .map(Address::toString).toList(),
                    message.getSubject(), bodies.html, bodies.text, headers);
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("unreadable captured mail #" + index, e);
        }
    }

    private static String join(Address[] addresses) {
        return addresses == null ? "" : Arrays.stream(addresses).map(Address::toString).collect(Collectors.joining(", "));
    }

    /** Walks a MIME tree and keeps the first text/html and text/plain parts. */
    private static final class Bodies {
        String html;
        String text;

        void collect(Part part) throws MessagingException, IOException {
            if (part.isMimeType("multipart/*")) {
                Multipart multipart = (Multipart) part.getContent();
                for (int i = 0; i < multipart.getCount(); i++) {
                    BodyPart child = multipart.getBodyPart(i);
                    collect(child);
                }
            } else if (part.isMimeType("text/html") && html == null) {
                html = part.getContent().toString();
            } else if (part.isMimeType("text/plain") && text == null) {
                text = part.getContent().toString();
            }
        }
    }
}
