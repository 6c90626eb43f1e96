package io.opsbot.teams.files;

import io.opsbot.core.tenant.TenantRef;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.nio.charset.StandardCharsets;
import java.time.Clock;

/**
 * Serves files behind signed links ({@link DownloadLinks}): a link with a wrong or missing signature, or for another
 * tenant, is 403; an expired link or a file no longer kept is 410 Gone; nothing says which files exist.
 */
@RestController
class FileDownloadController {

    private final DownloadLinks links;
    private final TeamsFileGateway files;
    private final Clock clock;

    FileDownloadController(DownloadLinks links, TeamsFileGateway files, Clock clock) {
        this.links = links;
        this.files = files;
        this.clock = clock;
    }

    @GetMapping(DownloadLinks.PATH + "{id}")
    ResponseEntity<byte[]> download(@PathVariable String id, @RequestParam(required = false) String tenant,
                                    @RequestParam(required = false) Long expires,
                                    @RequestParam(required = false) String sig) {
        if (tenant == null || tenant.isBlank() || expires == null
                || !links.valid(id, TenantRef.teams(tenant), expires, sig)) {
            return ResponseEntity.status(HttpStatus.FORBIDDEN).build();
        }
        if (expires <= clock.instant().getEpochSecond()) {
            return ResponseEntity.status(HttpStatus.GONE).build();
        }
        return files.find(id, TenantRef.teams(tenant).key())
                .map(file -> ResponseEntity.ok()
                        .contentType(MediaType.parseMediaType(file.mediaType() + "; charset=utf-8"))
                        .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                                .filename(file.name(), StandardCharsets.UTF_8).build().toString())
                        .header(HttpHeaders.CACHE_CONTROL, "no-store")
                        .body(file.content()))
                .orElseGet(() -> ResponseEntity.status(HttpStatus.GONE).build());
    }
}
