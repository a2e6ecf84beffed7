/** What every HTTP endpoint shares: errors as RFC 9457 problem details with a stable code. */
package io.pixbox.server.web;
