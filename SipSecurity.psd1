@{
    RootModule           = 'SipSecurity.PowerShell.dll'
    ModuleVersion        = '0.1.0'
    GUID                 = '6f1d7c52-3b8e-4f4a-9d2e-5a0c7e9b1f43'
    Author               = 'SipSecurity developers'
    CompanyName          = 'SipSecurity'
    Copyright            = '(c) SipSecurity developers. MIT License.'
    Description          = 'Secure a SIP server from PowerShell: users with digest A1 hashes, roles, realm and security constraints over a persistent config store, and the SIP server itself.'
    PowerShellVersion    = '7.6'
    CompatiblePSEditions = @('Core')
    FormatsToProcess     = @('SipSecurity.Format.ps1xml')
    CmdletsToExport      = @(
        'Add-SipUser'
        'Get-SipUser'
        'Set-SipUser'
        'Remove-SipUser'
        'Get-SipRole'
        'ConvertTo-SipDigestHash'
        'Get-SipLoginConfig'
        'Set-SipLoginConfig'
        'Add-SipServlet'
        'Get-SipServlet'
        'Remove-SipServlet'
        'Get-SipSecurityConstraint'
        'Set-SipSecurityConstraint'
        'Remove-SipSecurityConstraint'
        'Add-SipConnector'
        'Get-SipConnector'
        'Remove-SipConnector'
        'Get-SipRegistration'
        'Remove-SipRegistration'
        'Get-SipServerConfiguration'
        'Set-SipServerConfiguration'
        'Get-SipTlsConfiguration'
        'Set-SipTlsConfiguration'
        'New-SipKeyStore'
        'Get-SipKeyStoreEntry'
        'Remove-SipKeyStoreEntry'
        'Export-SipCertificate'
        'Export-SipPrivateKey'
        'Import-SipTrustedCertificate'
        'ConvertTo-SipPkcs12'
        'Import-SipKeyStore'
        'New-SipCertificateRequest'
        'Import-SipCertificateReply'
        'Import-SipUserStore'
        'Export-SipUserStore'
        'Import-SipApplicationDescriptor'
        'Import-SipConfiguration'
        'Export-SipConfiguration'
        'Start-SipServer'
        'Get-SipServer'
        'Stop-SipServer'
        'Test-SipTlsConnection'
    )
    FunctionsToExport    = @()
    AliasesToExport      = @()
    VariablesToExport    = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('SIP', 'VoIP', 'Security', 'Digest', 'TLS', 'Restcomm', 'PSEdition_Core', 'Linux', 'Windows', 'MacOS')
            ProjectUri   = 'https://github.com/sipsecurity/SipSecurity'
            LicenseUri   = 'https://github.com/sipsecurity/SipSecurity/blob/main/LICENSE'
            ReleaseNotes = 'Config store, users, roles, realm, servlets and security constraints.'
        }
    }
}
