package guestlist.application.port.archfixture;

import guestlist.application.service.CachedSite;

/** A deliberately bad class: a port that names the service behind it. Only the architecture test uses it. */
public interface PortNamingAService {

    CachedSite site();
}
