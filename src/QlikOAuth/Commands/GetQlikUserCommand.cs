using System.Collections.Generic;
using System.Management.Automation;
using QlikOAuth.Completion;
using QlikOAuth.Engine.Users;
using QlikOAuth.Infrastructure;

namespace QlikOAuth.Commands
{
    /// <summary>
    /// Gets users of the tenant: by -UserId, -Email or -Subject (a named user that is missing is an error), or by
    /// -Filter in the tenant's own syntax (email eq "a@example.com", name co "smith"). A filter or no argument gives
    /// the first 100 users, with a warning when there are more; -All pages through every one.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "QlikUser", DefaultParameterSetName = ByFilterSet)]
    [OutputType(typeof(QlikUser))]
    public sealed class GetQlikUserCommand : QlikSessionCmdlet
    {
        private const string ByFilterSet = "ByFilter";
        private const string ByIdSet = "ById";
        private const string ByEmailSet = "ByEmail";
        private const string BySubjectSet = "BySubject";

        [Parameter(Mandatory = true, ParameterSetName = ByIdSet, ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        [ValidateNotNullOrEmpty]
        public string[] UserId { get; set; } = null!;

        [Parameter(Mandatory = true, ParameterSetName = ByEmailSet, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(UserEmailCompleter))]
        [ValidateNotNullOrEmpty]
        public string[] Email { get; set; } = null!;

        [Parameter(Mandatory = true, ParameterSetName = BySubjectSet, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(UserSubjectCompleter))]
        [ValidateNotNullOrEmpty]
        public string[] Subject { get; set; } = null!;

        /// <summary>A filter as the users API takes it (RFC 7644): eq on id, subject, email, status; co on name, email, subject.</summary>
        [Parameter(Position = 0, ParameterSetName = ByFilterSet)]
        [ValidateNotNullOrEmpty]
        public string? Filter { get; set; }

        /// <summary>Every matching user, page after page, instead of the first 100.</summary>
        [Parameter(ParameterSetName = ByFilterSet)]
        public SwitchParameter All { get; set; }

        protected override void ProcessRecord()
        {
            QlikSession session = ResolveSession();
            var tenant = session.Engine;
            switch (ParameterSetName)
            {
                case ByIdSet:
                    foreach (string id in UserId)
                    {
                        if (TryEngine(() => RunEngine(token => UsersApi.GetAsync(tenant.Connection, tenant.Credential, id, token)), id, out Engine.Users.QlikUser user))
                        {
                            WriteObject(new QlikUser(user, session));
                        }
                    }

                    break;
                case ByEmailSet:
                case BySubjectSet:
                    string attribute = ParameterSetName == ByEmailSet ? "email" : "subject";
                    foreach (string value in ParameterSetName == ByEmailSet ? Email : Subject)
                    {
                        if (TryEngine(() => RunEngine(token => UsersApi.FindAllAsync(tenant.Connection, tenant.Credential, attribute, value, token)), value, out List<Engine.Users.QlikUser> found))
                        {
                            Write(found, session);
                        }
                    }

                    break;
                default:
                    bool more = false;
                    if (TryEngine(() => RunEngine(token => UsersApi.ListAsync(tenant.Connection, tenant.Credential, Filter, All, () => more = true, token)), Filter, out List<Engine.Users.QlikUser> users))
                    {
                        Write(users, session);
                        if (more)
                        {
                            WriteWarning($"More than {UsersApi.PageSize} users match; only the first {UsersApi.PageSize} are shown. Add -All for every one, or narrow -Filter.");
                        }
                    }

                    break;
            }
        }

        private void Write(List<Engine.Users.QlikUser> users, QlikSession session)
        {
            foreach (Engine.Users.QlikUser user in users)
            {
                WriteObject(new QlikUser(user, session));
            }
        }
    }
}
