namespace SipSecurity.Sip;
