@{
    RootModule        = 'TrivialModule.dll'
    ModuleVersion     = '1.0.0'
    GUID              = '0b7d3e2a-51c4-4f0e-8d6a-6f1e2c9a4b17'
    CmdletsToExport   = @('Get-TrivialValue', 'Invoke-TrivialPost')
    FunctionsToExport = @()
    VariablesToExport = @()
    AliasesToExport   = @()
}
