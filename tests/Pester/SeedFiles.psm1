Set-StrictMode -Version Latest

<#
.SYNOPSIS
The seed procedure's files, verbatim where the seed gives text: roles.properties and the sip.xml
security-constraint and login-config (inside a sip-app that declares the servlet).
#>

function Get-SeedSipXml([string] $Realm = 'sip-servlets') {
    @"
<?xml version="1.0" encoding="UTF-8"?>
<sip-app xmlns="http://www.jcp.org/xml/ns/sipservlet">
<app-name>org.example.simple</app-name>
<servlet>
  <servlet-name>SimpleSipServlet</servlet-name>
  <servlet-class>org.example.SimpleSipServlet</servlet-class>
</servlet>

<security-constraint>
  <display-name>REGISTER Method Security Constraint</display-name>
  <resource-collection>
    <resource-name>SimpleSipServlet</resource-name>
    <description>Require authenticated REGISTER requests</description>
    <servlet-name>SimpleSipServlet</servlet-name>
    <sip-method>REGISTER</sip-method>
  </resource-collection>
  <auth-constraint>
    <role-name>caller</role-name>
  </auth-constraint>
</security-constraint>
<login-config>
  <auth-method>DIGEST</auth-method>
  <realm-name>$Realm</realm-name>
</login-config>
</sip-app>
"@
}

function Get-SeedUsersProperties([string] $A1) {
    @"
# A sample users.properties file, this line creates user "admin" with
# password "admin" for "sip-servlets-realm"
admin=$A1
"@
}

function Get-SeedRolesProperties {
    @'
# A sample roles.properties file for use with some roles
# Each line in this file assigns roles to the users defined in
# sip-servlets-users.properties
admin=caller,role1,role2
'@
}

Export-ModuleMember -Function Get-SeedSipXml, Get-SeedUsersProperties, Get-SeedRolesProperties
