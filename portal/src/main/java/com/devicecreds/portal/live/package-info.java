/** Live pages: who decides how often a page polls the server. Depends on no feature package. */
package com.devicecreds.portal.live;
