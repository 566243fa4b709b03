/** Local accounts: user names, passwords, e-mail addresses, their ids and the accounts themselves. */
package guestlist.domain.account;
