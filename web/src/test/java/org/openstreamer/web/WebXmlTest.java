package org.openstreamer.web;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.File;

import static org.junit.jupiter.api.Assertions.assertEquals;

class WebXmlTest {

    /**
     * RESTEasy's merge-patch filter, on unless switched off, hands a resource the GET answer with
     * the patch merged in instead of the patch itself, so an application/merge-patch+json null
     * removed nothing. The resources apply RFC 7396 themselves.
     */
    @Test
    void resteasysOwnMergePatchFilterIsOff() throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document doc = factory.newDocumentBuilder().parse(new File("src/main/webapp/WEB-INF/web.xml"));
        NodeList params = doc.getElementsByTagNameNS("*", "context-param");
        String value = null;
        for (int i = 0; i < params.getLength(); i++) {
            Element p = (Element) params.item(i);
            if (p.getElementsByTagNameNS("*", "param-name").item(0).getTextContent().trim()
                    .equals("resteasy.patchfilter.disabled")) {
                value = p.getElementsByTagNameNS("*", "param-value").item(0).getTextContent().trim();
            }
        }
        assertEquals("true", value);
    }

    /** /metrics tells about every stream and peer: it takes the roles that read the API, for every method. */
    @Test
    void metricsNeedAViewerOrAdmin() throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document doc = factory.newDocumentBuilder().parse(new File("src/main/webapp/WEB-INF/web.xml"));
        NodeList constraints = doc.getElementsByTagNameNS("*", "security-constraint");
        String roles = null;
        for (int i = 0; i < constraints.getLength(); i++) {
            Element c = (Element) constraints.item(i);
            NodeList patterns = c.getElementsByTagNameNS("*", "url-pattern");
            for (int j = 0; j < patterns.getLength(); j++) {
                if (patterns.item(j).getTextContent().trim().equals("/metrics")) {
                    assertEquals(0, c.getElementsByTagNameNS("*", "http-method").getLength()
                            + c.getElementsByTagNameNS("*", "http-method-omission").getLength(), "every method");
                    NodeList names = c.getElementsByTagNameNS("*", "role-name");
                    StringBuilder b = new StringBuilder();
                    for (int k = 0; k < names.getLength(); k++) {
                        b.append(names.item(k).getTextContent().trim()).append(' ');
                    }
                    roles = b.toString().trim();
                }
            }
        }
        assertEquals("admin viewer", roles);
    }
}
