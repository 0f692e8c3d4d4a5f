namespace QlikOAuth.Engine.Users
{
    /// <summary>A user that exists now, and whether this call made it (false: it was there already).</summary>
    public sealed class EnsuredUser
    {
        public EnsuredUser(QlikUser user, bool created)
        {
            User = user;
            Created = created;
        }

        public QlikUser User { get; }

        /// <summary>
        /// True when the user did not exist before this call and does now: made by this call, by a parallel call for the
        /// same subject that it waited for, or by a create whose answer was lost and a read then found.
        /// </summary>
        public bool Created { get; }
    }
}
