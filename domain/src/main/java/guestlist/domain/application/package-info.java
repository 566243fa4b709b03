/** Registration applications and the admins' decisions on them. */
package guestlist.domain.application;
