package dev.paperdigest.notify.web;

import io.quarkiverse.resteasy.problem.HttpProblem;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/**
 * A server-rendered page as an HTTP answer: rendered here (not by a response filter) so every page route answers
 * the same way, with headers fit for pages whose URL holds a token: not cached, never sent on as a Referer, no
 * framing, and a Content-Security-Policy that allows only our own stylesheet (the pages have no script at all). The
 * layout every page includes is {@code templates/HtmlPage/layout.html}.
 */
public final class HtmlPage {

    static final String CONTENT_TYPE = "text/html;charset=UTF-8";
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'self'; img-src 'self';"
            + " form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    @CheckedTemplate(basePath = "HtmlPage")
    static class Templates {
        /** Unknown, expired or used-up token: says so without telling which. */
        static native TemplateInstance notFound();

        /** Too many sign-ups: when to try again, in whole minutes. */
        static native TemplateInstance tooManyRequests(long retryAfterMinutes);
    }

    private HtmlPage() {
    }

    /** 200 with the page. */
    public static Response ok(TemplateInstance page) {
        return status(Response.Status.OK, page);
    }

    /** The page with this status. */
    public static Response status(Response.Status status, TemplateInstance page) {
        return builder(status.getStatusCode(), page).build();
    }

    /** The 404 page of an unknown or expired link; it reveals nothing about the token. */
    public static Response notFound() {
        return status(Response.Status.NOT_FOUND, Templates.notFound());
    }

    /** The friendly answer to a 429 problem of the sign-up limits: same status, same Retry-After. */
    public static Response tooManyRequests(HttpProblem problem) {
        Object retryAfter = problem.getHeaders().get(HttpHeaders.RETRY_AFTER);
        long seconds = retryAfter == null ? 3600 : Long.parseLong(retryAfter.toString());
        return builder(problem.getStatusCode(), Templates.tooManyRequests(Math.max(1, (seconds + 59) / 60)))
                .header(HttpHeaders.RETRY_AFTER, seconds).build();
    }

    private static Response.ResponseBuilder builder(int status, TemplateInstance page) {
        return Response.status(status)
                .type(CONTENT_TYPE)
                .entity(page.render())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header("Referrer-Policy", "no-referrer")
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    }
}
