package org.openstreamer.web.rest.openapi;

import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.info.Info;

/**
 * Tidies the generated document: the annotations' unset members (external docs, contact,
 * licence) come out as empty objects, which the OpenAPI schema refuses, and an empty server list
 * says nothing that its absence does not. Registered in META-INF/microprofile-config.properties.
 */
public class OpenApiFilter implements OASFilter {

    @Override
    public void filterOpenAPI(OpenAPI api) {
        if (api.getExternalDocs() != null && api.getExternalDocs().getUrl() == null) {
            api.setExternalDocs(null);
        }
        Info info = api.getInfo();
        if (info != null && info.getContact() != null && info.getContact().getName() == null
                && info.getContact().getUrl() == null && info.getContact().getEmail() == null) {
            info.setContact(null);
        }
        if (info != null && info.getLicense() != null && info.getLicense().getName() == null) {
            info.setLicense(null);
        }
        if (api.getServers() != null && api.getServers().isEmpty()) {
            api.setServers(null);
        }
    }
}
