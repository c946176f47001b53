package org.openstreamer.ejb.notify;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.openstreamer.ejb.util.Jsonp.JSON;

/** POSTs a batch as one JSON list; any answer but 2xx counts as not delivered. */
public final class HttpDelivery implements Delivery {

    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    private final URI url;
    private final String signKey;

    public HttpDelivery(URI url, String signKey) {
        this.url = url;
        this.signKey = signKey;
    }

    @Override
    public void deliver(List<JsonObject> batch) throws IOException, InterruptedException {
        JsonArrayBuilder list = JSON.createArrayBuilder();
        batch.forEach(list::add);
        byte[] body = list.build().toString().getBytes(UTF_8);
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (signKey != null) {
            request.header(Signature.HEADER, Signature.sha1(body, signKey))
                    .header(Signature.HEADER_256, Signature.hmacSha256(body, signKey));
        }
        HttpResponse<Void> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() / 100 != 2) {
            throw new IOException("HTTP " + response.statusCode() + " from " + url);
        }
    }
}
