namespace SipSecurity.KeyStores;
