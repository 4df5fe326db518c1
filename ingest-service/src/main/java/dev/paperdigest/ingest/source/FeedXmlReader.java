package dev.paperdigest.ingest.source;

import java.io.ByteArrayInputStream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * A StAX reader over one feed document, hardened against feed-supplied DTDs and external entities, with
 * the few moves the feed parsers need: walk the children of the current element, read an element's text,
 * skip an element.
 *
 * <p>Contract of {@link #nextChild()}: the caller consumes every child it is given (with {@link #text()},
 * {@link #skip()} or a nested {@code nextChild()} loop), so the reader always sits at the end of that child.
 */
public final class FeedXmlReader implements AutoCloseable {

    private final XMLStreamReader reader;

    private FeedXmlReader(XMLStreamReader reader) {
        this.reader = reader;
    }

    /** Opens raw bytes; the XML declaration (or its absence: UTF-8) decides the encoding. */
    public static FeedXmlReader open(byte[] xml) throws XMLStreamException {
        return new FeedXmlReader(hardenedFactory().createXMLStreamReader(new ByteArrayInputStream(xml)));
    }

    private static XMLInputFactory hardenedFactory() {
        // The JDK's own implementation, whatever StAX provider the application classpath brings.
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        return factory;
    }

    /** Advances to the root element. */
    public void moveToRoot() throws XMLStreamException {
        while (reader.hasNext()) {
            if (reader.next() == XMLStreamConstants.START_ELEMENT) {
                return;
            }
        }
        throw new XMLStreamException("document has no root element");
    }

    /** Advances to the next child element of the current one; false once the current element ends. */
    public boolean nextChild() throws XMLStreamException {
        while (reader.hasNext()) {
            int event = reader.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                return true;
            }
            if (event == XMLStreamConstants.END_ELEMENT) {
                return false;
            }
        }
        return false;
    }

    /** True when the current element has this namespace URI ("" for none) and local name. */
    public boolean is(String namespaceUri, String localName) {
        String actual = reader.getNamespaceURI();
        return localName.equals(reader.getLocalName())
                && namespaceUri.equals(actual == null ? "" : actual);
    }

    public String localName() {
        return reader.getLocalName();
    }

    /** A display name of the current element, {@code {namespace}local}, for error messages. */
    public String qualifiedName() {
        return reader.getName().toString();
    }

    /** The attribute without namespace of that name, or null. */
    public String attribute(String localName) {
        return reader.getAttributeValue(null, localName);
    }

    /** The text of the current element including any nested markup's text; leaves the reader at its end. */
    public String text() throws XMLStreamException {
        StringBuilder text = new StringBuilder();
        int depth = 1;
        while (depth > 0 && reader.hasNext()) {
            switch (reader.next()) {
                case XMLStreamConstants.START_ELEMENT -> depth++;
                case XMLStreamConstants.END_ELEMENT -> depth--;
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE ->
                        text.append(reader.getText());
                default -> {
                    // comments and processing instructions carry no text
                }
            }
        }
        return text.toString();
    }

    /** Skips the current element and everything in it. */
    public void skip() throws XMLStreamException {
        int depth = 1;
        while (depth > 0 && reader.hasNext()) {
            int event = reader.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            }
        }
    }

    /** Reads to the end of the document so that trailing garbage is reported as malformed. */
    public void finish() throws XMLStreamException {
        while (reader.hasNext()) {
            reader.next();
        }
    }

    @Override
    public void close() throws XMLStreamException {
        reader.close();
    }
}
